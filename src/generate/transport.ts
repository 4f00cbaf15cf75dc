// The wire under the `openai` SDK: one fetch that caps every body, refuses HTML pages served with status 200, turns a
// whole JSON answer into a one-event stream, and never carries the design to another origin. The error classes here are
// thrown inside fetch (the SDK wraps them); the provider finds them again with `findCause`.

/** The body grew past the byte cap: thrown inside the response stream so the SDK's parser stops reading. */
export class ReplyTooLarge extends Error {}
/** A 200 answer that is a web page, not the API. */
export class NotTheApi extends Error {}
/** A 200 JSON answer carrying `{ error }` (some gateways answer a streamed request that way): classified like an HTTP error. */
export class ErrorInBody extends Error {
  constructor(readonly error: { code?: string | number; message?: string }, readonly headers: Headers) {
    super(String(error?.message ?? 'error'));
  }
}
/** A redirect that is not followed: to another origin (the body is the user's design), or a second one. Never retried. */
export class RedirectRefused extends Error {}

export function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let seen = 0;
  for await (const part of body as unknown as AsyncIterable<Uint8Array>) {
    seen += part.byteLength;
    if (seen > maxBytes) {
      await body.cancel().catch(() => {});
      throw new ReplyTooLarge(`over ${maxBytes} bytes`);
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A server that ignored `stream: true` and sent one chat.completion object: the same answer as a one-event stream, so
 * everything downstream (finish_reason, usage, extraction) sees one shape. An `{ error }` body is thrown for classify.
 */
function jsonAsStream(text: string, response: Response): Response {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NotTheApi(`a body that is not JSON ("${text.slice(0, 80).replace(/\s+/g, ' ')}")`);
  }
  if (json?.error) throw new ErrorInBody(json.error, response.headers);
  const choice = json?.choices?.[0];
  if (!choice?.message) throw new NotTheApi(`JSON that is not a chat completion ("${text.slice(0, 80).replace(/\s+/g, ' ')}")`);
  const { content = '', reasoning_content, reasoning } = choice.message;
  const event = { choices: [{ index: 0, delta: { content, reasoning_content: reasoning_content ?? reasoning }, finish_reason: choice.finish_reason ?? 'stop' }], usage: json.usage };
  const headers = new Headers(response.headers);
  headers.set('content-type', 'text/event-stream');
  headers.delete('content-length');
  return new Response(`data: ${JSON.stringify(event)}\n\ndata: [DONE]\n\n`, { status: response.status, statusText: response.statusText, headers });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const urlOf = (input: Parameters<typeof fetch>[0]) => new URL(typeof input === 'string' || input instanceof URL ? input : input.url);

/**
 * fetch that follows at most one redirect, and only within the origin it was sent to. fetch's own policy follows up
 * to 20 and re-sends the body on 307/308, so a misconfigured or hostile endpoint could collect the design elsewhere.
 */
export async function fetchSameOrigin(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> {
  const from = urlOf(input);
  const first = await fetch(input, { ...init, redirect: 'manual' });
  if (!REDIRECTS.has(first.status)) return first;
  await first.body?.cancel().catch(() => {});
  const location = first.headers.get('location');
  if (!location) throw new RedirectRefused(`the endpoint answered HTTP ${first.status} (a redirect) without a Location: check the base URL`);
  const to = new URL(location, from);
  if (to.origin !== from.origin) {
    throw new RedirectRefused(`the endpoint redirected (HTTP ${first.status}) to another origin, ${to.origin}: not followed, so the design was not sent there; use that address as the base URL if you trust it`);
  }
  const second = await fetch(to, { ...init, redirect: 'manual' });
  if (!REDIRECTS.has(second.status)) return second;
  await second.body?.cancel().catch(() => {});
  const next = second.headers.get('location');
  throw new RedirectRefused(`the endpoint redirected more than once (${to.pathname}${next ? ` to ${new URL(next, to).href}` : ''}): only one redirect within the origin is followed; check the base URL`);
}

/** The SDK's fetch: same-origin redirects only, a byte cap on every response body, a clear refusal of HTML pages served with status 200. */
export function guardedFetch(maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await fetchSameOrigin(input, init);
    if (!response.body) return response;
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && /text\/html/i.test(type)) {
      const reader = response.body.getReader();
      let head = '';
      const decoder = new TextDecoder();
      while (head.length < 4096) {
        const { value, done } = await reader.read();
        if (done) break;
        head += decoder.decode(value, { stream: true });
      }
      await reader.cancel().catch(() => {});
      const title = /<title[^>]*>([^<]*)/i.exec(head)?.[1]?.trim() || head.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
      throw new NotTheApi(`an HTML page ("${title}")`);
    }
    if (response.ok && /json/i.test(type) && !/event-stream/i.test(type)) return jsonAsStream(await readCapped(response.body, maxBytes), response);
    let seen = 0;
    const capped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ReplyTooLarge(`over ${maxBytes} bytes`));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
