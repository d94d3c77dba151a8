// `node --import ./record-loads.mjs …`: install load-hooks.mjs in this thread (worker threads
// inherit the flag, so they install it too).
import { register } from 'node:module'

register('./load-hooks.mjs', import.meta.url)
