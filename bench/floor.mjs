// The parse floor: one process that reads every file and runs remark-parse +
// remark-frontmatter + yaml over it, and nothing else. What any remark-based linter pays.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parse } from 'yaml'

const dir = process.argv[2]
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])
let nodes = 0
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.md')) continue
  const tree = processor.parse(readFileSync(join(dir, name), 'utf8'))
  const yaml = tree.children[0]?.type === 'yaml' ? parse(tree.children[0].value) : undefined
  nodes += tree.children.length + (yaml ? 1 : 0)
}
console.log(nodes)
