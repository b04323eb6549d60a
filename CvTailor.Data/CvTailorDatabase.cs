namespace CvTailor.Data;

/// <summary>The database as the application model names it: the AppHost's database resource and every service's connection string.</summary>
public static class CvTailorDatabase
{
    /// <summary><c>ConnectionStrings:cvtailor</c> (Aspire injects <c>ConnectionStrings__cvtailor</c>).</summary>
    public const string ConnectionName = "cvtailor";

    /// <summary>The connection string's configuration key.</summary>
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionName;

    /// <summary>The environment variable that sets it (as Aspire does).</summary>
    public const string EnvironmentVariable = "ConnectionStrings__" + ConnectionName;
}
