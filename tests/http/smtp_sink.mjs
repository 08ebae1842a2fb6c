// smtp_sink.mjs — a local SMTP sink for the notification tests (plain node
// `net`): accepts every message, keeps it, and answers the few commands a
// client such as libcurl sends (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT). No TLS, no authentication, loopback only.
//
//   const sink = await SmtpSink.start();      // sink.port
//   await sink.waitFor((m) => m.to.includes('a@example.org'));
//   await sink.close();
import net from 'node:net';

export class SmtpSink {
	constructor() {
		this.messages = [];
		this.waiters = [];
		this.sockets = new Set();
	}

	/* Listens on port (0: a free one) of 127.0.0.1. */
	static async start(port = 0) {
		const s = new SmtpSink();
		s.server = net.createServer((c) => s.session(c));
		await new Promise((ok, bad) => {
			s.server.once('error', bad);
			s.server.listen(port, '127.0.0.1', ok);
		});
		s.port = s.server.address().port;
		return s;
	}

	session(c) {
		this.sockets.add(c);
		c.on('close', () => this.sockets.delete(c));
		c.on('error', () => {});
		let buf = '';
		let data = null;
		let msg = { from: '', to: [], data: '' };
		const say = (l) => c.write(l + '\r\n');
		say('220 sink ESMTP');
		c.on('data', (chunk) => {
			buf += chunk.toString('utf8');
			for (;;) {
				if (data !== null) {
					const end = buf.indexOf('\r\n.\r\n');
					if (end < 0 && !buf.startsWith('.\r\n'))
						return;
					const body = buf.startsWith('.\r\n') ? '' : buf.slice(0, end);
					buf = buf.startsWith('.\r\n') ? buf.slice(3) : buf.slice(end + 5);
					msg.data = data + body.replace(/\r\n\.\./g, '\r\n.');
					data = null;
					this.messages.push(msg);
					msg = { from: '', to: [], data: '' };
					say('250 queued');
					this.wake();
					continue;
				}
				const nl = buf.indexOf('\r\n');
				if (nl < 0)
					return;
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 2);
				const cmd = line.slice(0, 4).toUpperCase();
				if (cmd === 'EHLO')
					c.write('250-sink\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n');
				else if (cmd === 'HELO' || cmd === 'NOOP' || cmd === 'RSET')
					say('250 ok');
				else if (cmd === 'MAIL') {
					msg.from = (line.match(/<([^>]*)>/) || [])[1] || '';
					say('250 ok');
				} else if (cmd === 'RCPT') {
					msg.to.push((line.match(/<([^>]*)>/) || [])[1] || '');
					say('250 ok');
				} else if (cmd === 'DATA') {
					data = '';
					say('354 go ahead');
				} else if (cmd === 'QUIT') {
					say('221 bye');
					c.end();
				} else
					say('502 not implemented');
			}
		});
	}

	wake() {
		for (const w of this.waiters.splice(0))
			w();
	}

	/* The first message for which pred holds, waiting up to ms. */
	async waitFor(pred, ms = 15000) {
		const until = Date.now() + ms;
		for (;;) {
			const m = this.messages.find(pred);
			if (m)
				return m;
			const left = until - Date.now();
			if (left <= 0)
				return null;
			await new Promise((ok) => {
				const t = setTimeout(ok, Math.min(left, 200));
				this.waiters.push(() => { clearTimeout(t); ok(); });
			});
		}
	}

	async close() {
		for (const c of this.sockets)
			c.destroy();
		await new Promise((ok) => this.server.close(ok));
	}
}
