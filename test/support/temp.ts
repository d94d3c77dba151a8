import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * A maker of fresh folders in the system's temporary folder, named from `prefix`, for a test
 * file that needs several: every folder it made is removed once the file's tests are done.
 * Call it at the top of the test file (it registers the `afterAll`).
 */
export function tempFolders(prefix: string): () => string {
  const made: string[] = []
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}
