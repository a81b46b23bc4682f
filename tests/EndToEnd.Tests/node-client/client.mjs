// The official openai npm package, unchanged, against the gateway: one completion and one stream.
// Usage: node client.mjs <baseURL> <apiKey>; prints one JSON line with what it received.
import OpenAI from "openai";

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });

const completion = await client.chat.completions.create({
  model: "auto",
  messages: [{ role: "user", content: `Say hello from node ${Date.now()}` }],
});

let streamed = "";
let finish = null;
const stream = await client.chat.completions.create({
  model: "auto",
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: "user", content: `Stream hello from node ${Date.now()}` }],
});
let usage = null;
for await (const chunk of stream) {
  streamed += chunk.choices?.[0]?.delta?.content ?? "";
  finish = chunk.choices?.[0]?.finish_reason ?? finish;
  usage = chunk.usage ?? usage;
}

console.log(JSON.stringify({
  content: completion.choices[0].message.content,
  totalTokens: completion.usage?.total_tokens ?? 0,
  streamed,
  finish,
  streamedTotalTokens: usage?.total_tokens ?? 0,
}));
