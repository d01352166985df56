import { once } from "node:events";
import { request } from "node:http";

export interface HeldRequest {
  /** Resolves once the server has taken the request (answered `100 Continue`), its body still unsent. */
  readonly accepted: Promise<unknown>;
  /** Sends the body, so the server can answer. */
  release(): void;
  readonly response: Promise<{ status: number; body: any }>;
}

/**
 * Posts a GraphQL operation on a connection of its own, but holds its body
 * back until `release`: a request the server has in flight for as long as
 * a test needs, with no timing involved.
 */
export function heldRequest(url: string, query: string, headers: Record<string, string> = {}): HeldRequest {
  const body = JSON.stringify({ query });
  const outgoing = request(url, {
    method: "POST",
    agent: false,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      expect: "100-continue",
      ...headers,
    },
  });
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    outgoing.on("error", reject);
    outgoing.on("response", async (incoming) => {
      let text = "";
      for await (const chunk of incoming) text += chunk;
      resolve({ status: incoming.statusCode!, body: text ? JSON.parse(text) : undefined });
    });
  });
  const accepted = once(outgoing, "continue");
  // A test that fails before awaiting them must not leave these rejected unseen.
  accepted.catch(() => {});
  response.catch(() => {});
  outgoing.flushHeaders();
  return { accepted, release: () => outgoing.end(body), response };
}
