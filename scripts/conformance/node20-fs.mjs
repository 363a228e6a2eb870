// Module hooks that let the MCP conformance referee run on Node 20 (scripts/conformance/run.mjs
// registers them there, and only there). Its bundle is built for node20 but imports fs.globSync,
// which came in Node 22, for its `tier-check` command alone, which this project never runs. The
// bundle's "fs" is answered with node:fs plus a globSync that says so; the installed package stays
// as npm put it.
const FS_WITH_GLOBSYNC = `data:text/javascript,${encodeURIComponent(
  'export * from "node:fs"; export function globSync() { throw new Error("fs.globSync needs Node 22"); }',
)}`;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'fs' && context.parentURL?.includes('/@modelcontextprotocol/conformance/')) {
    return { url: FS_WITH_GLOBSYNC, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
