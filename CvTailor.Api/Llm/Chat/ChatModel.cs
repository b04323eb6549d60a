using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Llm.Chat;

/// <summary>The optional chat model as configured: usable only when a provider is set and its client is registered.</summary>
public sealed class ChatModel(IServiceProvider services, IOptions<LlmOptions> options)
{
    public bool IsEnabled => Client is not null;

    /// <summary>The configured model's name (also when disabled).</summary>
    public string Name => options.Value.Model;

    /// <summary>The chat client, or null when no provider is configured.</summary>
    public IChatClient? Client => options.Value.IsEnabled ? services.GetService<IChatClient>() : null;
}
