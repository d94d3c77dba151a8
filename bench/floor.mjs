// The parse floor: read every file and run remark-parse + remark-frontmatter + yaml over it,
// and nothing else. What any remark-based linter pays.
//
//   node bench/floor.mjs <dir>                  one process, one thread: the floor of issue #7
//   node bench/floor.mjs <dir> --threads 2      the same work split over worker threads: the
//                                               least a remark-based linter can take here
//   node bench/floor.mjs <dir> --pages          `.txt` pages through remark-parse alone (CommonMark):
//                                               what a remark pipeline of the pages pays
//   node bench/floor.mjs <dir> --pages --plain  the same with starkit's remarkPlainText (the
//                                               parse `convert` does): convert's ceiling
//
// Worker threads get the young generation starkit's own workers get (src/cli/worker-heap.ts),
// so the threaded floor is not slower for a reason starkit does not have.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parse } from 'yaml'

/** Parse `files`; returns a count of what was read, so nothing is optimised away. */
async function parseAll(files, pages, plain) {
  const processor = pages
    ? plain
      ? unified().use(remarkParse).use((await import('../lib/convert/plain-text.js')).remarkPlainText)
      : unified().use(remarkParse)
    : unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])
  let nodes = 0
  for (const file of files) {
    const tree = processor.parse(readFileSync(file, 'utf8'))
    const yaml = !pages && tree.children[0]?.type === 'yaml' ? parse(tree.children[0].value) : undefined
    nodes += tree.children.length + (yaml ? 1 : 0)
  }
  return nodes
}

if (isMainThread) {
  const args = process.argv.slice(2)
  const dir = args[0]
  const pages = args.includes('--pages')
  const plain = args.includes('--plain')
  const t = args.indexOf('--threads')
  const threads = t === -1 ? 1 : Number(args[t + 1])
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(pages ? '.txt' : '.md'))
    .sort()
    .map((name) => join(dir, name))
  if (threads <= 1) console.log(await parseAll(files, pages, plain))
  else {
    const { WORKER_RESOURCE_LIMITS } = await import('../lib/cli/worker-heap.js')
    const counts = await Promise.all(
      Array.from({ length: threads }, (_, w) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { files: files.filter((_, i) => i % threads === w), pages, plain }, resourceLimits: WORKER_RESOURCE_LIMITS })
        return new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
      }),
    )
    console.log(counts.reduce((a, b) => a + b, 0))
  }
} else {
  parentPort.postMessage(await parseAll(workerData.files, workerData.pages, workerData.plain))
}
