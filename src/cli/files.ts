import { existsSync, readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { glob, isDynamicPattern } from 'tinyglobby'
import { UsageError } from './io.js'
import { below } from './paths.js'

/** Folders never walked into. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn'])

/** A path relative to `cwd`, with `/` separators (what reports show). */
export function displayPath(path: string, cwd: string): string {
  // The common case, a file under `cwd`, without path.relative's work (it resolves both paths).
  const under = below(path, cwd)
  const rel = under ?? relative(cwd, path)
  const shown = rel === '' ? '.' : under === undefined && outside(rel) ? path : rel
  return sep === '/' ? shown : shown.split(sep).join('/')
}

/** Whether a path from path.relative leads out of its folder (`..x.md` is a name inside it). */
const outside = (rel: string): boolean => rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)


/** `.gitignore` and `.starkitignore` of `cwd`, plus the config's `ignores`; undefined when none of them has a rule. */
export function loadIgnores(cwd: string, extra: readonly string[] = []): Ignore | undefined {
  const patterns = [...extra]
  for (const name of ['.gitignore', '.starkitignore']) {
    const path = join(cwd, name)
    if (existsSync(path)) patterns.push(...readFileSync(path, 'utf8').split(/\r?\n/))
  }
  // Blank lines and comments are no rules. Without a rule, no path is looked up (~0.04 s at
  // 10,000 files: ignore keeps each path it is asked about).
  if (!patterns.some((p) => p.trim() !== '' && !p.startsWith('#'))) return undefined
  return ignore().add(patterns)
}

async function walk(dir: string, out: string[], ignored: (path: string, isDir: boolean) => boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  // `join` normalizes each path again; a name from readdir holds no separator.
  const base = dir.endsWith(sep) ? dir : dir + sep
  for (const entry of entries) {
    const path = base + entry.name
    // Symbolic links to folders are not followed: no loops, nothing outside the tree.
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !ignored(path, true)) await walk(path, out, ignored)
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md') && !ignored(path, false)) {
      out.push(path)
    }
  }
}

/**
 * The Markdown files under `paths` (files, folders or globs), absolute, sorted, unique.
 * A named file is always included; walked folders and globs skip ignored files.
 * Throws a UsageError when a path does not exist or nothing matched.
 */
export async function collectFiles(paths: readonly string[], cwd: string, ignores: readonly string[] = []): Promise<string[]> {
  const ig = loadIgnores(cwd, ignores)
  const resolvedCwd = resolve(cwd)
  const ignored = (path: string, isDir: boolean): boolean => {
    if (ig === undefined) return false
    const rel = below(path, resolvedCwd) ?? relative(resolvedCwd, path)
    if (rel === '' || outside(rel)) return false
    return ig.ignores((sep === '/' ? rel : rel.split(sep).join('/')) + (isDir ? '/' : ''))
  }
  const found = new Set<string>()
  for (const p of paths) {
    if (isDynamicPattern(p)) {
      const matches = await glob(p, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] })
      for (const m of matches) if (m.toLowerCase().endsWith('.md') && !ignored(m, false)) found.add(resolve(m))
      continue
    }
    const abs = resolve(cwd, p)
    let info
    try {
      info = await stat(abs)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UsageError(code === 'ELOOP' ? `Unexpected symbolic link loop at \`${p}\`` : `No such file or folder: \`${p}\``)
    }
    if (info.isDirectory()) {
      const files: string[] = []
      await walk(abs, files, ignored)
      for (const f of files) found.add(f)
    } else found.add(abs)
  }
  if (found.size === 0) throw new UsageError(`No Markdown files matched ${paths.map((p) => `\`${p}\``).join(', ')}`)
  return [...found].sort()
}
