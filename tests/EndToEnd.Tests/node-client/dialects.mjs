// The official @anthropic-ai/sdk and openai npm packages, unchanged, against the gateway's /v1/messages and
// /v1/responses: plain, streamed, a tool call and a wrong key on each.
// Usage: node dialects.mjs <gatewayURL> <apiKey>; prints one JSON line with what it received.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

const [gateway, apiKey] = process.argv.slice(2);
const anthropic = new Anthropic({ baseURL: gateway, apiKey, maxRetries: 0 });
const openai = new OpenAI({ baseURL: `${gateway}/v1`, apiKey, maxRetries: 0 });
const nonce = () => `${Date.now()} ${Math.random()}`;
const getTime = { name: "get_time", description: "Current time in a zone",
  input_schema: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] } };

const message = await anthropic.messages.create({
  model: "auto", max_tokens: 200, messages: [{ role: "user", content: `Say hello from node ${nonce()}` }],
});

const stream = anthropic.messages.stream({
  model: "auto", max_tokens: 200, messages: [{ role: "user", content: `Stream hello from node ${nonce()}` }],
});
const events = [];
stream.on("streamEvent", (event) => events.push(event.type));
const streamed = await stream.finalMessage();

const toolMessage = await anthropic.messages.create({
  model: "auto", max_tokens: 200, tools: [getTime],
  messages: [{ role: "user", content: `please call get_time for Berlin ${nonce()}` }],
});
const toolUse = toolMessage.content.find((block) => block.type === "tool_use");

let anthropicWrongKey = null;
try {
  await new Anthropic({ baseURL: gateway, apiKey: "aip_wrong", maxRetries: 0 }).messages.create({
    model: "auto", max_tokens: 10, messages: [{ role: "user", content: "hi" }],
  });
} catch (error) {
  anthropicWrongKey = error instanceof Anthropic.AuthenticationError ? "AuthenticationError" : String(error);
}

const response = await openai.responses.create({ model: "auto", input: `Say hello from node ${nonce()}` });

let responseStreamed = "";
let responseCompleted = null;
for await (const event of await openai.responses.create({ model: "auto", input: `Stream hello ${nonce()}`, stream: true })) {
  if (event.type === "response.output_text.delta") responseStreamed += event.delta;
  if (event.type === "response.completed") responseCompleted = event.response;
}

const toolResponse = await openai.responses.create({
  model: "auto", input: `please call get_time for Berlin ${nonce()}`,
  tools: [{ type: "function", name: "get_time", parameters: getTime.input_schema, strict: false }],
});
const functionCall = toolResponse.output.find((item) => item.type === "function_call");

let responsesWrongKey = null;
try {
  await new OpenAI({ baseURL: `${gateway}/v1`, apiKey: "aip_wrong", maxRetries: 0 }).responses.create({ model: "auto", input: "hi" });
} catch (error) {
  responsesWrongKey = error instanceof OpenAI.AuthenticationError ? "AuthenticationError" : String(error);
}

console.log(JSON.stringify({
  messageText: message.content[0]?.text ?? "",
  messageStop: message.stop_reason,
  streamedText: streamed.content[0]?.text ?? "",
  streamedOutputTokens: streamed.usage.output_tokens,
  streamEvents: [...new Set(events)],
  toolName: toolUse?.name ?? null,
  toolZoneType: typeof toolUse?.input?.zone,
  anthropicWrongKey,
  responseText: response.output_text,
  responseStatus: response.status,
  responseStreamed,
  responseCompletedTokens: responseCompleted?.usage?.total_tokens ?? 0,
  functionName: functionCall?.name ?? null,
  functionZoneType: typeof JSON.parse(functionCall?.arguments ?? "{}").zone,
  responsesWrongKey,
}));
