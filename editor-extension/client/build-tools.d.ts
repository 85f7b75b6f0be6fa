// vite 8 and @vitejs/plugin-react 6 publish their types through package.json "exports" only, which the
// workspace tsconfig's `moduleResolution: "node"` cannot see. These minimal declarations let
// vite.config.ts typecheck; with `moduleResolution: "bundler"` they would be unnecessary.
declare module 'vite' {
	export function defineConfig<T extends Record<string, unknown>>(config: T): T;
}
declare module '@vitejs/plugin-react' {
	export default function react(options?: Record<string, unknown>): unknown;
}
