/**
 * A worker thread running an ES module of this code base, from TypeScript sources (tsx, vitest)
 * or built JavaScript alike. Under TypeScript the worker registers tsx's loader itself: a
 * loader named in execArgv does not reach a worker's entry on Node 20.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the module at `url` (a `.ts` file under TypeScript; its `.js` twin in a build: pass the
 * URL built from the caller's own extension, see moduleUrl).
 */
export function moduleWorker(url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const code = url.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(tsxApi())})` +
      `.then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(url.href)}); })`
    : `import(${JSON.stringify(url.href)})`;
  return new Worker(code, { ...options, eval: true });
}

/** The URL of a sibling module `name` (without extension) of the module at `from`, with `from`'s extension. */
export function moduleUrl(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}

/** tsx's ESM API (its package's exports name it; require.resolve would give the CommonJS one). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}
