using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>
/// The 200 answers' serialisation (<see cref="SizedJson"/>), with the options of ASP.NET Core's HTTP <c>JsonOptions</c>
/// that change what is written: web defaults (nulls written, camelCase for a member without a name of its own). Its
/// options leave the encoder unset, so System.Text.Json serialises these types through the generated fast path; the
/// relaxed escaping of the HTTP options is the writer's (<see cref="SizedJson"/>), which is where values are escaped.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdapterChatResult))]
[JsonSerializable(typeof(AdapterEmbeddingResult))]
internal sealed partial class AnswerJsonContext : JsonSerializerContext;
