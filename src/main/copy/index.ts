// Registry → registry copies without the engine (see runner.ts).
export { CopyRunner, isSameRegistry, type CopyRunnerOptions, type CopySpec, type CopyRegistry } from './runner'
export { CopyProgress } from './progress'
export { copyImages, type CopyItem, type CopiedImage } from './copyImages'
export { readImageGraph, type ImageGraph } from './graph'
