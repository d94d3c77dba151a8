import { find, html as schema, type Info } from 'property-information'
import { memoize } from '../../model/memo.js'

/** property-information's entry for an HTML property name, by name: a page uses a dozen names, hundreds of times (`h` and the serializer both ask). */
export const infoOf: (key: string) => Info = memoize<Info>(1_000, (key) => find(schema, key))
