using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Api.Auth.Tokens;

/// <summary>
/// The HS256 key, resolved once. Without <c>Auth:Jwt:SigningKey</c>: in Development a random key for this process
/// (tokens die with it; a warning says so), anywhere else startup fails, because a guessable key forges any user.
/// </summary>
public sealed partial class JwtSigningKey
{
    const int MinimumKeyBytes = 32;

    public JwtSigningKey(IOptions<JwtOptions> options, IHostEnvironment environment, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrEmpty(configured))
        {
            bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"{JwtOptions.Section}:SigningKey must be at least {MinimumKeyBytes} bytes.");
            }
        }
        else if (environment.IsDevelopment())
        {
            bytes = RandomNumberGenerator.GetBytes(64);
            LogEphemeralKey(logger, JwtOptions.Section);
        }
        else
        {
            throw new InvalidOperationException(
                $"{JwtOptions.Section}:SigningKey is not set. Configure a secret of at least {MinimumKeyBytes} bytes.");
        }
        Key = new SymmetricSecurityKey(bytes);
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>What every token must pass: our signature, HS256, not expired (no leeway, as simplejwt). No iss/aud: simplejwt set none.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuerSigningKey = true,
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
        NameClaimType = TokenClaims.UserId,
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Section}:SigningKey is not set; using a random key for this process (Development only). Issued tokens stop working on restart.")]
    static partial void LogEphemeralKey(ILogger logger, string section);
}
