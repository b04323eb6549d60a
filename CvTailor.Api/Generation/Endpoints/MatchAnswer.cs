using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CvTailor.Api.Generation.Matching;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// The match endpoint's 200: the bytes, content type and OpenAPI metadata of <c>TypedResults.Ok</c> with the Api's
/// JSON options, except that the ranked artifacts (about 97 % of a ~740 KB answer for 200 artifacts) are serialised
/// over the cores, each core its own contiguous run of artifacts into a pooled buffer, and copied into the answer in
/// rank order as they are. Serialising them one after another took ~2 ms of a match on this machine's cores. Spread only
/// when <see cref="ParallelRanking.TryEnter"/> lets it (a core idle), else written as before.
/// </summary>
public sealed class MatchAnswer(MatchResponse value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<MatchResponse>
{
    /// <summary>Fewer artifacts than this are serialised as one run: the hand-over costs more than it saves.</summary>
    const int MinimumPerCore = 16;

    static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Split = new();

    public MatchResponse Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(value, WithSplitArtifacts(options), contentType: null, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(MatchResponse), ["application/json"]));
    }

    /// <summary>The Api's options plus the ranked-artifacts writer, made once per options instance (its metadata cache lives with it).</summary>
    static JsonSerializerOptions WithSplitArtifacts(JsonSerializerOptions options) => Split.GetValue(options, o =>
    {
        var copy = new JsonSerializerOptions(o);
        copy.Converters.Add(new SplitArtifactsConverter(o));
        return copy;
    });

    /// <summary>Writes <see cref="MatchResponse.RankedArtifacts"/>: each artifact as the Api's options write it, in order.</summary>
    sealed class SplitArtifactsConverter(JsonSerializerOptions options) : JsonConverter<IReadOnlyList<RankedArtifactDto>>
    {
        public override IReadOnlyList<RankedArtifactDto> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions readOptions) =>
            throw new NotSupportedException("The match answer is only written.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<RankedArtifactDto> value, JsonSerializerOptions writeOptions)
        {
            var runs = Math.Min(Environment.ProcessorCount, value.Count / MinimumPerCore);
            if (runs < 2)
            {
                JsonSerializer.Serialize(writer, value, options);
                return;
            }

            var item = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RankedArtifactDto>)options.GetTypeInfo(typeof(RankedArtifactDto));
            var writerOptions = new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth,
            };
            if (!ParallelRanking.TryEnter())
            {
                JsonSerializer.Serialize(writer, value, options);
                return;
            }
            var buffers = new PooledBytes[runs];
            var ends = new int[value.Count];
            try
            {
                Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = runs }, run =>
                {
                    var buffer = buffers[run] = new PooledBytes(64 * 1024);
                    using var json = new Utf8JsonWriter(buffer, writerOptions);
                    for (var i = value.Count * run / runs; i < value.Count * (run + 1) / runs; i++)
                    {
                        json.Reset(buffer);
                        JsonSerializer.Serialize(json, value[i], item);
                        json.Flush();
                        ends[i] = buffer.WrittenCount;
                    }
                });

                writer.WriteStartArray();
                for (var run = 0; run < runs; run++)
                {
                    var start = 0;
                    for (var i = value.Count * run / runs; i < value.Count * (run + 1) / runs; i++)
                    {
                        writer.WriteRawValue(buffers[run].Written[start..ends[i]], skipInputValidation: true);
                        start = ends[i];
                    }
                }
                writer.WriteEndArray();
            }
            finally
            {
                ParallelRanking.Exit();
                foreach (var buffer in buffers)
                {
                    buffer?.Dispose();
                }
            }
        }
    }

    /// <summary>A growable byte buffer rented from the shared pool (a run of ~370 KB would otherwise land on the large-object heap every match).</summary>
    sealed class PooledBytes(int initialCapacity) : IBufferWriter<byte>, IDisposable
    {
        byte[] _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> Written => _array.AsSpan(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(WrittenCount);
        }

        void Ensure(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 256);
            if (needed <= _array.Length)
            {
                return;
            }
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }
}
