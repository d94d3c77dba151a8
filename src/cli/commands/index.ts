import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import build from './build.js'
import convert from './convert.js'
import fmt from './fmt.js'
import lint from './lint.js'
import scaffoldNew from './new.js'
import rules from './rules.js'

/** Each command registers itself; a command is listed here only once it works. */
export const COMMANDS: ((program: Command, ctx: CommandContext) => void)[] = [lint, fmt, build, rules, convert, scaffoldNew]
