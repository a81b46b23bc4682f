// The official openai npm package, unchanged, against the gateway: embeddings.create with the package's default
// encoding (it asks for base64 and decodes it), with encoding_format "float", and with dimensions.
// Usage: node embeddings.mjs <baseURL> <apiKey> <model>; prints one JSON line with what it received.
import OpenAI from "openai";

const [baseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const text = `Embed me from node ${Date.now()}`;

const byDefault = await client.embeddings.create({ model, input: [text, "second input"] });
const asFloat = await client.embeddings.create({ model, input: text, encoding_format: "float" });
const shortened = await client.embeddings.create({ model, input: text, dimensions: 64 });

console.log(JSON.stringify({
  count: byDefault.data.length,
  model: byDefault.model,
  promptTokens: byDefault.usage.prompt_tokens,
  length: byDefault.data[0].embedding.length,
  floatLength: asFloat.data[0].embedding.length,
  sameVector: byDefault.data[0].embedding.every((v, i) => Math.abs(v - asFloat.data[0].embedding[i]) < 1e-6),
  secondIndex: byDefault.data[1].index,
  shortenedLength: shortened.data[0].embedding.length,
}));
