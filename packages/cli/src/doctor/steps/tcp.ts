import { connect } from 'node:net';
import { errorCode, fail, hostOf, pass, portOf, type StepRun } from '../step-outcome.js';

/** Opens (and closes) a TCP connection to the EWS host and port. */
export const tcpStep: StepRun = async (context, signal) => {
  const url = context.ewsUrl!;
  const host = hostOf(url);
  const port = portOf(url);
  try {
    const remote = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host, port, signal, autoSelectFamily: true });
      socket.once('connect', () => {
        const address = socket.remoteAddress ?? host;
        socket.destroy();
        resolve(address);
      });
      socket.once('error', reject);
    });
    return pass(`connected to ${remote}:${port}`);
  } catch (error) {
    if (signal.aborted) throw error;
    const code = errorCode(error);
    const where = `${host}:${port}`;
    if (code === 'ECONNREFUSED') {
      return fail(
        `connection refused at ${where}: nothing listens there`,
        `Check the port in the URL (EWS is on 443 for https) and that Exchange/IIS runs on ${host}; a firewall may also refuse.`,
        { stops: `no connection to ${where}` },
      );
    }
    return fail(
      `cannot connect to ${where} (${code ?? 'error'})`,
      'Check the host and port; a firewall or proxy between you and the server may block the connection.',
      { stops: `no connection to ${where}` },
    );
  }
};
