import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Write a `buildSite` result under `dir` (tests only; the CLI writes atomically). */
export async function writeSite(dir: string, files: Map<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of files) {
    const path = join(dir, rel)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, content)
  }
}
