// Proves the realtime protocol works from the official JavaScript SignalR client, on both hub protocols the server
// offers: user A on JSON, user B on MessagePack, both through the gateway.
//
//   node chat-roundtrip.mjs http://localhost:5080
//
// Prints one JSON line to stdout. Exit code 0 only when every check passed; otherwise the line has "ok": false and
// lists the failed checks (and stderr says the same in words).
import { randomUUID } from "node:crypto";
import { HttpTransportType, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const RequestTimeoutMs = 30_000;
const DeliveryTimeoutMs = 20_000;
// Registration is limited per client address and every client of the gateway shares 127.0.0.1, so a test run
// that registered many users just before may get a 429; waiting out Retry-After is what a real client does.
const RateLimitPatienceMs = 75_000;

const started = Date.now();
const failures = [];
const results = {};

function check(name, passed, detail) {
  if (!passed) {
    failures.push({ check: name, detail });
  }
  return passed;
}

/** A step the rest depends on failed: stop here with what is known. */
class StepFailed extends Error {}

function must(name, passed, detail) {
  if (!check(name, passed, detail)) {
    throw new StepFailed(name);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(baseUrl, path, body, accessToken) {
  const giveUpAt = Date.now() + RateLimitPatienceMs;
  for (;;) {
    const response = await fetch(new URL(path, baseUrl), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(RequestTimeoutMs),
    });
    const retryAfterMs = Number(response.headers.get("retry-after")) * 1000;
    if (response.status === 429 && Number.isFinite(retryAfterMs) && Date.now() + retryAfterMs < giveUpAt) {
      await response.body?.cancel();
      await sleep(retryAfterMs);
      continue;
    }

    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, text };
  }
}

async function register(baseUrl, label) {
  const username = `js${label}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const response = await post(baseUrl, "/api/auth/register", {
    username,
    displayName: `JS client ${label}`,
    password: `roundtrip ${randomUUID()}`,
  });
  must(`register ${label}`, response.status === 201, `${response.status} ${response.text}`);
  return { id: response.body.user.id, username, accessToken: response.body.accessToken };
}

// The server registers MessagePack with its defaults (ChatHubRegistration: AddMessagePackProtocol() with no
// options), whose resolver is MessagePack-CSharp's ContractlessStandardResolver: every DTO is a map keyed by the C#
// property name as written, so MessagePack clients get PascalCase keys ("Id", "Seq", "Text") where JSON clients get
// camelCase ("id", "seq", "text") from System.Text.Json's web defaults. Clients normalise to one shape; this one
// lower-cases the first letter of every key. DateTimeOffset values differ too: JSON has an ISO 8601 string,
// MessagePack an array [timestamp as Date, offset in minutes]. Only plain objects are rewritten, so Dates stay Dates.
function camelCaseKeys(value) {
  if (Array.isArray(value)) {
    return value.map(camelCaseKeys);
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key[0].toLowerCase() + key.slice(1), camelCaseKeys(inner)]),
    );
  }
  return value;
}

function keyCasing(object) {
  const keys = Object.keys(object);
  if (keys.every((key) => /^[A-Z]/.test(key))) return "PascalCase";
  if (keys.every((key) => /^[a-z]/.test(key))) return "camelCase";
  return `mixed (${keys.join(", ")})`;
}

/** A value's shape for the result line, e.g. "[Date, number]". */
function describe(value) {
  if (value instanceof Date) return "Date";
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  return typeof value;
}

/** A hub connection that records every MessageCreated it is pushed, as sent (raw) and normalised. */
async function connect(baseUrl, user, protocol) {
  const builder = new HubConnectionBuilder()
    .withUrl(new URL("/hubs/chat", baseUrl).toString(), {
      accessTokenFactory: () => user.accessToken,
      // The gateway spreads connections over realtime replicas without stickiness (see docs/conversations.md).
      skipNegotiation: true,
      transport: HttpTransportType.WebSockets,
    })
    // Warnings and errors go to stderr; stdout holds only the result line.
    .configureLogging(LogLevel.Warning);
  if (protocol === "messagepack") {
    builder.withHubProtocol(new MessagePackHubProtocol());
  }
  const connection = builder.build();
  const received = [];
  connection.on("MessageCreated", (raw) => received.push({ raw, message: camelCaseKeys(raw) }));
  await connection.start();
  // The server serves a connection's first call only once the connection is in its conversations' groups
  // (docs/protocol.md §7.3; a real client makes that call Sync). Any call does as a barrier here.
  await connection.invoke("GetPresence", []);

  return {
    connection,
    invoke: async (method, ...args) => camelCaseKeys(await connection.invoke(method, ...args)),
    /** The first MessageCreated with this id, waiting for it if it has not arrived yet. */
    async waitForMessage(id) {
      for (const deadline = Date.now() + DeliveryTimeoutMs; Date.now() < deadline;) {
        const entry = received.find((candidate) => candidate.message.id === id);
        if (entry) {
          return entry;
        }
        await sleep(50);
      }
      throw new Error(`no MessageCreated ${id} on the ${protocol} connection within ${DeliveryTimeoutMs} ms`);
    },
  };
}

async function expectMessage(name, hub, id) {
  try {
    return await hub.waitForMessage(id);
  } catch (error) {
    must(name, false, error.message);
  }
}

/** The invocation's rejection message, or null when it unexpectedly succeeded. */
async function rejection(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return String(error?.message ?? error);
  }
}

function sameKeys(a, b) {
  return JSON.stringify(Object.keys(a).sort()) === JSON.stringify(Object.keys(b).sort());
}

async function roundtrip(baseUrl, hubs) {
  const a = await register(baseUrl, "a");
  const b = await register(baseUrl, "b");

  const created = await post(baseUrl, "/api/conversations", {
    type: "channel",
    name: `js roundtrip ${randomUUID().slice(0, 8)}`,
    topic: null,
    visibility: "private",
    memberIds: [b.id],
  }, a.accessToken);
  must("A creates a private channel with B", created.status === 201, `${created.status} ${created.text}`);
  const conversationId = created.body.id;
  results.conversationId = conversationId;

  const hubA = await connect(baseUrl, a, "json");
  hubs.push(hubA);
  const hubB = await connect(baseUrl, b, "messagepack");
  hubs.push(hubB);

  const clientMessageId = `js-${randomUUID()}`;
  const firstText = "hello from JavaScript over JSON";
  const first = await hubA.invoke("SendMessage", conversationId, clientMessageId, firstText, null);
  must("A's SendMessage returns the stored message with seq 1",
    first?.seq === 1 && first.text === firstText && first.senderId === a.id && first.clientMessageId === clientMessageId,
    first);
  results.first = { id: first.id, seq: first.seq };

  const atB = await expectMessage("B receives MessageCreated", hubB, first.id);
  check("B's MessageCreated matches A's message",
    atB.message.seq === first.seq && atB.message.text === first.text && atB.message.senderId === a.id
      && atB.message.conversationId === conversationId,
    atB.message);
  check("MessagePack carries the same fields as JSON", sameKeys(atB.message, first),
    { json: Object.keys(first), messagePack: Object.keys(atB.raw) });
  results.keyCasing = { json: keyCasing(first), messagePack: keyCasing(atB.raw) };
  results.createdAt = { json: typeof first.createdAt, messagePack: describe(atB.message.createdAt) };

  const replyText = "and back from JavaScript over MessagePack";
  const reply = await hubB.invoke("SendMessage", conversationId, `js-${randomUUID()}`, replyText, null);
  must("B's SendMessage returns the stored message with seq 2",
    reply?.seq === 2 && reply.text === replyText && reply.senderId === b.id, reply);
  results.reply = { id: reply.id, seq: reply.seq };

  const atA = await expectMessage("A receives B's MessageCreated", hubA, reply.id);
  check("A's MessageCreated matches B's message",
    atA.message.seq === reply.seq && atA.message.text === replyText && atA.message.senderId === b.id, atA.message);

  const retried = await hubA.invoke("SendMessage", conversationId, clientMessageId, firstText, null);
  check("a retry with the same clientMessageId returns the same message",
    retried?.id === first.id && retried.seq === first.seq, retried);
  results.retriedId = retried?.id;

  const sync = await hubB.invoke("Sync", conversationId, 0);
  const synced = sync?.messages ?? [];
  results.syncSeqs = synced.map((message) => message.seq);
  check("B's Sync returns both messages in seq order, the retry stored nothing",
    synced.length === 2 && synced[0].id === first.id && synced[0].seq === 1 && synced[0].text === firstText
      && synced[1].id === reply.id && synced[1].seq === 2 && synced[1].text === replyText && sync.hasMore === false,
    sync);

  // SignalR sends a failed invocation's HubException message as the completion's error; the JS client rejects
  // invoke() with an Error carrying it: "An unexpected error occurred invoking 'SendMessage' on the server.
  // HubException: validation: text: A message needs text."
  const jsonError = await rejection(hubA.invoke("SendMessage", conversationId, `js-${randomUUID()}`, "", null));
  const messagePackError = await rejection(hubB.invoke("SendMessage", conversationId, `js-${randomUUID()}`, "", null));
  check("empty text is a validation error over JSON", jsonError?.includes("HubException: validation:") === true, jsonError);
  check("empty text is a validation error over MessagePack",
    messagePackError?.includes("HubException: validation:") === true, messagePackError);
  results.validationError = jsonError;
}

function isAbsoluteUrl(text) {
  try {
    return Boolean(new URL(text));
  } catch {
    return false;
  }
}

async function main() {
  const baseUrl = process.argv[2];
  if (!isAbsoluteUrl(baseUrl)) {
    console.error("usage: node chat-roundtrip.mjs <gateway base URL, e.g. http://localhost:5080>");
    return 2;
  }

  const hubs = [];
  try {
    await roundtrip(baseUrl, hubs);
  } catch (error) {
    if (!(error instanceof StepFailed)) {
      // fetch and ws put the network reason (ECONNREFUSED, …) in the cause.
      const cause = error?.cause ? `\ncause: ${error.cause?.stack ?? error.cause}` : "";
      failures.push({ check: "unexpected error", detail: `${error?.stack ?? error}${cause}` });
    }
  } finally {
    await Promise.allSettled(hubs.map((hub) => hub.connection.stop()));
  }

  const ok = failures.length === 0;
  process.stdout.write(`${JSON.stringify({ ok, ...results, failures, elapsedMs: Date.now() - started })}\n`);
  for (const failure of failures) {
    console.error(`FAILED: ${failure.check}: ${JSON.stringify(failure.detail)}`);
  }
  return ok ? 0 : 1;
}

process.exit(await main());
