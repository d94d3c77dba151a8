import { existsSync, readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { glob, isDynamicPattern } from 'tinyglobby'
import { UsageError } from './io.js'

/** Folders never walked into. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn'])

/** A path relative to `cwd`, with `/` separators (what reports show). */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return (rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/')
}

/** `.gitignore` and `.starkitignore` of `cwd`, plus the config's `ignores`. */
export function loadIgnores(cwd: string, extra: readonly string[] = []): Ignore {
  const ig = ignore()
  for (const name of ['.gitignore', '.starkitignore']) {
    const path = join(cwd, name)
    if (existsSync(path)) ig.add(readFileSync(path, 'utf8'))
  }
  return ig.add([...extra])
}

async function walk(dir: string, out: string[], ignored: (path: string, isDir: boolean) => boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries) {
    const path = join(dir, entry.name)
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
  const ignored = (path: string, isDir: boolean): boolean => {
    const rel = relative(cwd, path)
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false
    return ig.ignores(rel.split(sep).join('/') + (isDir ? '/' : ''))
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
