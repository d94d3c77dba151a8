export * from './scenario.js'
export * from './position.js'
export * from './layout.js'
export * from './duration.js'
