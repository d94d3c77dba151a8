import type { FileReport } from './diagnostic.js'

export interface RuleInfo {
  id: string
  summary: string
  url?: string
}

/** SARIF 2.1.0 (one run, the rules that reported, a result per finding). */
export function sarif(files: readonly FileReport[], toolVersion: string, rules: readonly RuleInfo[]): string {
  const used = [...new Set(files.flatMap((f) => f.messages.map((m) => m.ruleId)))].sort()
  const known = new Map(rules.map((r) => [r.id, r]))
  const descriptors = used.map((id) => {
    const info = known.get(id)
    return {
      id,
      ...(info ? { shortDescription: { text: info.summary } } : {}),
      ...(info?.url ? { helpUri: info.url } : {}),
    }
  })
  const index = new Map(used.map((id, i) => [id, i]))
  const results = files.flatMap((f) =>
    f.messages.map((m) => ({
      ruleId: m.ruleId,
      ruleIndex: index.get(m.ruleId)!,
      level: m.severity === 'error' ? 'error' : 'warning',
      message: { text: m.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
          },
        },
      ],
    })),
  )
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'starkit', version: toolVersion, informationUri: 'https://github.com/starkit/starkit', rules: descriptors } },
        artifacts: files.map((f) => ({ location: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  }
  return JSON.stringify(log, null, 2) + '\n'
}
