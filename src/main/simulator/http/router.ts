// Matches "METHOD /path/:param" patterns to route handlers.
import type { Route } from './route';

interface Compiled {
  route: Route;
  parts: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => ({ route, parts: route.pattern.split('/') }));
  }

  /** The route and its path params, or 'method' if the path exists with another method, or undefined. */
  match(method: string, path: string): { route: Route; path: Record<string, string> } | 'method' | undefined {
    const parts = path.split('/');
    let pathExists = false;
    for (const c of this.compiled) {
      if (c.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = c.parts[i]!;
        const got = parts[i]!;
        if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
        else ok = want === got;
      }
      if (!ok) continue;
      if (c.route.method === method) return { route: c.route, path: params };
      pathExists = true;
    }
    return pathExists ? 'method' : undefined;
  }
}
