// A loopback HTTP server that refuses every request with 401 and a chosen offer: what auth-type
// detection and auth failure messages are tested against.
import { createServer } from 'node:http';

export async function offerAuthServer(offer) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-length': '0', 'www-authenticate': [...offer] });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: new URL(`http://127.0.0.1:${port}/EWS/Exchange.asmx`),
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function offerAuthServers() {
  const open = [];
  return {
    async start(offer) {
      const server = await offerAuthServer(offer);
      open.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}
