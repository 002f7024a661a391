import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Serves the BUILT dist/ (run `npm run build` first) from a sub-path with no SPA fallback and no
// rewrites, like a static host would, and drives Debian's Chromium through playwright-core.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Where the app is mounted; anything outside it is a 404, which catches absolute asset URLs. */
export const BASE_PATH = '/atlas/demo/';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Console errors, uncaught page errors and failed (>= 400 or aborted) requests seen by one page. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

export interface Harness {
  /** Origin + BASE_PATH, e.g. `http://127.0.0.1:41234/atlas/demo/`. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /**
   * Opens the app in a fresh context (so AxeBuilder works), waiting for the load event. Without a
   * hash it opens `#workbench` (a fresh context has empty storage, which would show the landing
   * page to a first-time visitor); pass `''` for no hash at all.
   */
  openApp(hash?: string): Promise<Page>;
  /** Everything that went wrong on a page opened by `openApp`. */
  problems(page: Page): PageProblems;
  /** Saves `test-results/screenshots/NAME.png` (full page) and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes every context, the browser and the server. */
  close(): Promise<void>;
}

function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404 not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(BASE_PATH)) return notFound();
    let rel = pathname.slice(BASE_PATH.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return notFound();
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}

/** Starts the static server and Chromium. Call in `beforeAll`, and `close()` in `afterAll`. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`npm run build\` before the browser tests`);
  }
  const server = await serveDist();
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}${BASE_PATH}`;

  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    server.close();
    throw new Error(`could not launch /usr/bin/chromium (apt-get install -y chromium): ${String(error)}`, {
      cause: error,
    });
  }

  const contexts: BrowserContext[] = [];
  const seen = new WeakMap<Page, PageProblems>();

  return {
    baseUrl,
    browser,

    async openApp(hash?: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [] };
      seen.set(page, problems);
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (error) => problems.pageErrors.push(error.message));
      page.on('requestfailed', (request) =>
        problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      page.on('response', (response) => {
        if (response.status() >= 400) {
          problems.failedRequests.push(`${response.url()} ${response.status()}`);
        }
      });
      const wanted = hash ?? 'workbench';
      const fragment = wanted === '' ? '' : `#${wanted.replace(/^#/, '')}`;
      await page.goto(baseUrl + fragment, { waitUntil: 'load' });
      // Route views are lazy chunks: wait until the first view has rendered (not its Loading line),
      // so a test never acts on a page whose view, theme or store is still arriving.
      await page.waitForFunction(
        () =>
          (document.getElementById('root')?.childElementCount ?? 0) > 0 &&
          document.querySelector('.loading-page') === null,
      );
      return page;
    },

    problems(page: Page): PageProblems {
      const problems = seen.get(page);
      if (problems === undefined) throw new Error('problems(): page was not opened by openApp()');
      return problems;
    },

    async screenshot(page: Page, name: string): Promise<string> {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },

    async close(): Promise<void> {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      });
    },
  };
}
