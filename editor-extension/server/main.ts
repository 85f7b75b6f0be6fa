// Entry point of `npm start -w editor-extension`: starts the canvas server on PORT, --port N or 5680.
import { startServer } from './app';

function portFromArgs(argv: string[], env: NodeJS.ProcessEnv): number {
	const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
	const raw =
		flag === -1 ? env.PORT : argv[flag].includes('=') ? argv[flag].split('=')[1] : argv[flag + 1];
	if (raw === undefined || raw === '') return 5680;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`"${raw}" is not a port number. Use e.g. --port 5680 or PORT=5680.`);
		process.exit(2);
	}
	return port;
}

async function main() {
	const port = portFromArgs(process.argv.slice(2), process.env);
	try {
		const server = await startServer({ port });
		// The secret in this address is what lets the page use the server (session.ts): keep it private.
		console.log(`Fin actions canvas: ${server.openUrl}`);
		const stop = () => void server.close().then(() => process.exit(0));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	} catch (error) {
		const code = (error as { code?: string }).code;
		console.error(
			code === 'EADDRINUSE'
				? `Port ${port} is in use. Start with --port <another port> or PORT=<another port>.`
				: (error as Error).message,
		);
		process.exit(1);
	}
}

void main();
