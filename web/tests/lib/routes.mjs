// web/tests/lib/routes.mjs — reads the routes the server registers straight from the C++ sources
// (src/areas/*/routes.cpp and src/app/app.cpp), so the authorization test covers a new route the
// moment it is added. Every `Method::x` in those files must belong to a route this parser
// understands; anything else is reported, never silently skipped.
import fs from 'node:fs';
import path from 'node:path';

import { REPO } from './server.mjs';

const METHODS = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', head: 'HEAD', options: 'OPTIONS' };

export function routeSources() {
  const areas = path.join(REPO, 'src/areas');
  const files = fs.readdirSync(areas, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(areas, d.name, 'routes.cpp')))
    .map((d) => path.join(areas, d.name, 'routes.cpp'));
  files.push(path.join(REPO, 'src/app/app.cpp'));
  return files.sort();
}

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

// Returns {routes: [{method, pattern, kind, file}], problems: [string]}.
export function parseRoutes() {
  const routes = [];
  const problems = [];
  for (const file of routeSources()) {
    const rel = path.relative(REPO, file);
    const src = stripComments(fs.readFileSync(file, 'utf8'));
    const found = [];
    // add(Method::get, "/people", Kind::page, …) and route(http::Method::get, "/healthz", http::Kind::api, …)
    const call = /(?:http::)?Method::(\w+)\s*,\s*"([^"]+)"\s*,\s*(?:http::)?Kind::(\w+)/g;
    for (let m; (m = call.exec(src));) {
      found.push({ method: m[1], pattern: m[2], kind: m[3], at: m.index });
    }
    // r.method = http::Method::get; r.pattern = "/"; r.kind = http::Kind::page;
    const fields = /\.method\s*=\s*(?:http::)?Method::(\w+)\s*;([\s\S]*?)router\.add/g;
    for (let m; (m = fields.exec(src));) {
      const pattern = /\.pattern\s*=\s*"([^"]+)"/.exec(m[2]);
      const kind = /\.kind\s*=\s*(?:http::)?Kind::(\w+)/.exec(m[2]);
      if (!pattern) {
        continue;  // a helper assigning its parameters (r.pattern = std::move(pattern))
      }
      found.push({ method: m[1], pattern: pattern[1], kind: kind ? kind[1] : 'page', at: m.index });
    }
    const tokens = [...src.matchAll(/Method::(\w+)/g)].length;
    const helperAssignments = [...src.matchAll(/\.method\s*=\s*(?:http::)?Method::\w+\s*;[\s\S]*?router\.add/g)]
      .filter((m) => !/\.pattern\s*=\s*"/.test(m[0])).length;
    if (tokens !== found.length + helperAssignments) {
      problems.push(`${rel}: ${tokens} Method:: tokens but ${found.length} routes understood — teach web/tests/lib/routes.mjs the new style`);
    }
    for (const f of found) {
      const method = METHODS[f.method];
      if (!method) {
        problems.push(`${rel}: unknown method Method::${f.method}`);
        continue;
      }
      routes.push({ method, pattern: f.pattern, kind: f.kind, file: rel });
    }
  }
  return { routes, problems };
}

export const routeKey = (r) => `${r.method} ${r.pattern}`;
