using System.Security.Cryptography;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// A value the deployment supplies (Aspire's parameter): secret ones are generated into the output's secret file,
/// never written into a manifest. The local run uses <c>Parameters:{name}</c> from configuration when set.
/// </summary>
public sealed class ParameterDefinition(string name, bool secret, int generatedLength, string? localValue)
{
    const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public string Name { get; } = name;
    public bool Secret { get; } = secret;

    /// <summary>Length of a generated value; letters and digits only, so it needs no quoting in a connection
    /// string, a YAML scalar or an env file. 0: not generated, the operator supplies it (<see cref="Supplied"/>).</summary>
    public int GeneratedLength { get; } = generatedLength;

    /// <summary>A value nothing can generate (an external server's connection string): left empty for the operator.</summary>
    public bool Supplied => GeneratedLength == 0;

    public string? LocalValue { get; } = localValue;

    /// <summary>What the operator puts there; written as a comment above a <see cref="Supplied"/> value.</summary>
    public string? Description { get; init; }

    /// <summary>The variable (and secret key) name: <c>jwt-signing-key</c> → <c>JWT_SIGNING_KEY</c>.</summary>
    public string EnvironmentName => Name.Replace('-', '_').ToUpperInvariant();

    public string Generate() => Supplied ? "" : RandomNumberGenerator.GetString(Alphabet, GeneratedLength);
}
