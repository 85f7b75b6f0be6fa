// Builds the canvas client (client/main.tsx via index.html) into dist/, which the canvas server serves.
// `npx vite` (dev) proxies the API and the demo backend to a server started with `npm start`: open
// the address that server printed once (it sets the session cookie for 127.0.0.1, sent to any port).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.CANVAS_SERVER ?? 'http://127.0.0.1:5680';

export default defineConfig({
	root: __dirname,
	plugins: [react()],
	build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
	server: { proxy: { '/api': server, '/demo': server } },
});
