using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CvTailor.Api.Llm.Chat;

/// <summary>Registers the optional chat model (an <see cref="IChatClient"/> over the OpenAI client) and its circuit breaker.</summary>
public static class LlmServiceCollectionExtensions
{
    public const string HttpClientName = "cvtailor-llm";

    public static IServiceCollection AddLlmChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section)
            .Validate(o => o.IsEnabled || string.Equals(o.Provider, LlmOptions.ProviderNone, StringComparison.OrdinalIgnoreCase),
                $"{LlmOptions.Section}:Provider must be '{LlmOptions.ProviderNone}' or '{LlmOptions.ProviderOpenAi}'.")
            .Validate(o => !o.IsEnabled || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _),
                $"{LlmOptions.Section}:Endpoint must be an absolute URL when the provider is '{LlmOptions.ProviderOpenAi}'.")
            .ValidateOnStart();
        services.AddSingleton<LlmCircuitBreaker>();
        services.AddSingleton<ChatModel>();

        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (options.IsEnabled)
        {
            // Our own time limit and fallback replace the standard resilience handler's retries.
#pragma warning disable EXTEXP0001 // Evaluation API; see GenerationEndpoints.
            services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
            services.AddSingleton<IChatClient>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                var client = new OpenAIClient(
                    new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "unused" : o.ApiKey),
                    new OpenAIClientOptions
                    {
                        Endpoint = new Uri(o.Endpoint!),
                        Transport = new HttpClientPipelineTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
                        RetryPolicy = new ClientRetryPolicy(o.MaxRetries),
                        NetworkTimeout = o.Timeout,
                    });
                return client.GetChatClient(o.Model).AsIChatClient();
            });
        }
        return services;
    }
}
