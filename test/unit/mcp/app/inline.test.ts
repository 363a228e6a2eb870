import { describe, expect, it } from 'vitest';
import { inlineBundle } from '../../../../src/mcp/app/player.js';

describe('inlining the ext-apps browser bundle into the player page', () => {
  it("turns the bundle's export list into one global with the exported names", () => {
    const out = inlineBundle('var a=1;class B{}export{a as App,B as PostMessageTransport, B};');
    expect(out).toBe('var a=1;class B{}\nglobalThis.McpExtApps = { "App": a, "PostMessageTransport": B, "B": B };\n');
    const scope: { McpExtApps?: { App: number } } = {};
    new Function('globalThis', out)(scope);
    expect(scope.McpExtApps?.App).toBe(1);
  });

  it('refuses a bundle it could not inline safely (no export list, or a closing script tag)', () => {
    expect(() => inlineBundle('var a = 1;')).toThrow(/can no longer be inlined/);
    expect(() => inlineBundle('var s = "</script>";export{s};')).toThrow(/can no longer be inlined/);
  });
});
