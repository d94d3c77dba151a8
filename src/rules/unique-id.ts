import { defineRule, type ProjectFile } from './define-rule.js'

/** The file name without `.md`. */
function stemOf(file: ProjectFile): string {
  const { path } = file
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  return EXTENSION.test(name) ? name.slice(0, name.lastIndexOf('.')) : name
}

const EXTENSION = /\.(?:md|markdown)$/i

export default defineRule({
  id: 'unique-id',
  summary: 'Each id is unique across the linted files and equals its file name',
  severity: 'error',
  scope: 'project',
  docs: [
    'The id names the scenario in the JSON bundle, in URLs of the HTML site and in links between',
    'scenarios; two files with one id overwrite each other in the build. The id is also the file name',
    '(`tell-me-about-a-time.md` holds `id: tell-me-about-a-time`), so a reader finds a scenario by its id.',
    '',
    'Ids are compared across every file of one `starkit lint` run (every file whose frontmatter has an',
    'id, so the result is the same with `--cache` and across `--shard`s). Of the files that share an id,',
    'the one whose file name is that id keeps it (or the first by path, when none or several are so',
    'named); each other file gets the finding, with a note naming the file that keeps the id.',
  ].join('\n'),
  defaults: {},
  check({ files, report }) {
    // The first file of each id, and every file of the ids more than one has. Indexed loops,
    // and no list for an id only one file has: this runs once a run, unoptimized, over every
    // file with an id (10,000 in the bench's warm run, where `for…of` and a list an id made
    // ~3 MB of its allocations; docs/performance.md, session 25).
    const first = new Map<string, ProjectFile>()
    const shared = new Map<string, ProjectFile[]>()
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!
      const id = file.frontmatter.id
      if (typeof id !== 'string') continue
      const name = stemOf(file)
      if (name !== id) report(file, '/id', `Unexpected id \`${id}\`, expected the file name \`${name}\``)
      const before = first.get(id)
      if (before === undefined) first.set(id, file)
      else if (shared.has(id)) shared.get(id)!.push(file)
      else shared.set(id, [before, file])
    }
    for (const [id, group] of shared) {
      const owner = group.find((f) => stemOf(f) === id) ?? group[0]!
      for (const file of group)
        if (file !== owner)
          report(file, '/id', `Unexpected duplicate id \`${id}\`, expected an id no other file has`, { note: `\`${owner.path}\` has this id` })
    }
  },
})
