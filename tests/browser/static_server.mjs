// A static file server for the tests, as static hosts serve a site's files: a folder
// published under a base path (e.g. /search/), index.html for a folder's address, the
// content types hosts send, and single byte ranges (`Range: bytes=`) answered with 206,
// or 416 when they cannot be satisfied (`ignoreRange`: a host that does not, answering
// every request with the whole file). On 127.0.0.1 and an ephemeral port only. Every
// request is logged with what was sent, and with how many requests were open when it
// came (`open`, itself included). `answerAfterMs` holds each answer that long, as a
// distant host's latency does, so that requests a browser sends together are seen open
// together.
//
//   import { startStaticServer } from "./static_server.mjs";
//   const server = await startStaticServer({ root: DIR, base: "/search/", ignoreRange: false, answerAfterMs: 0 });
//   … server.url (http://127.0.0.1:PORT/search/), server.log: [{method, path, status, range, bytes, open}]
//   await server.close();
//
// Or on its own, to look at an exported folder in a browser:
//   node static_server.mjs DIR [BASE]
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

// The one range of a `Range: bytes=…` header of a file of `size` bytes: {start, end}
// (inclusive), null when the header asks for no range we serve (several ranges, another
// unit: the whole file is sent, as RFC 9110 allows), "unsatisfiable" when it starts past
// the end.
export function parseRange(header, size) {
  const found = /^bytes=(\d*)-(\d*)$/.exec(String(header).trim());
  if (!found || (found[1] === "" && found[2] === "")) return null;
  if (found[1] === "") {
    const suffix = Number(found[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(found[1]);
  const end = found[2] === "" ? size - 1 : Math.min(Number(found[2]), size - 1);
  if (found[2] !== "" && Number(found[2]) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

export function startStaticServer({ root, base = "/", ignoreRange = false, answerAfterMs = 0 }) {
  if (!base.startsWith("/") || !base.endsWith("/")) throw new Error(`the base path must start and end with /: ${base}`);
  const folder = path.resolve(root);
  const log = [];
  let open = 0;
  const server = http.createServer((request, response) => {
    const entry = { method: request.method, path: request.url, status: 0, range: request.headers.range ?? null, bytes: 0, open: ++open };
    log.push(entry);
    response.once("close", () => --open);
    const send = (status, headers, body) => {
      entry.status = status;
      entry.bytes = body && request.method !== "HEAD" ? body.length : 0;
      const answer = () => {
        response.writeHead(status, headers);
        response.end(request.method === "HEAD" ? undefined : body);
      };
      if (answerAfterMs > 0) setTimeout(answer, answerAfterMs);
      else answer();
    };
    const notFound = () => send(404, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from("not found\n"));
    if (request.method !== "GET" && request.method !== "HEAD")
      return send(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }, Buffer.from("method not allowed\n"));
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(base)) {
      // The folder's own address without its slash, as hosts do.
      if (pathname === base.slice(0, -1)) return send(301, { Location: base }, Buffer.alloc(0));
      return notFound();
    }
    let file = path.join(folder, pathname.slice(base.length));
    if (file !== folder && !file.startsWith(folder + path.sep)) return notFound();
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    } catch {
      return notFound();
    }
    // Only the bytes asked for are read: a large index is read a block at a time.
    let size;
    const read = (start, end) => {
      const descriptor = fs.openSync(file, "r");
      try {
        const bytes = Buffer.alloc(end - start);
        const count = fs.readSync(descriptor, bytes, 0, bytes.length, start);
        return bytes.subarray(0, count);
      } finally {
        fs.closeSync(descriptor);
      }
    };
    try {
      size = fs.statSync(file).size;
    } catch {
      return notFound();
    }
    const headers = {
      "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      ...(ignoreRange ? {} : { "Accept-Ranges": "bytes" }),
      "Cache-Control": "no-cache",
    };
    const range = request.headers.range === undefined || ignoreRange ? null : parseRange(request.headers.range, size);
    try {
      if (range === "unsatisfiable") return send(416, { ...headers, "Content-Range": `bytes */${size}` }, Buffer.alloc(0));
      if (range)
        return send(206, { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${size}` }, read(range.start, range.end + 1));
      return send(200, headers, read(0, size));
    } catch {
      return notFound();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${base}`,
        origin: `http://127.0.0.1:${port}`,
        log,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, base = "/"] = process.argv.slice(2);
  if (!root) {
    console.error("usage: node static_server.mjs DIR [BASE]");
    process.exit(2);
  }
  const server = await startStaticServer({ root, base });
  console.log(`Serving ${root} at ${server.url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close().then(() => process.exit(0)));
}
