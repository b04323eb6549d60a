namespace CvTailor.AppHost.Hosting;

/// <summary>Aspire-shaped PostgreSQL verbs: <c>AddPostgres(...).WithPgVector().AddDatabase(...)</c>.</summary>
public static class PostgresBuilderExtensions
{
    public static ResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name)
    {
        var resource = new PostgresServerResource(name, Path.Combine(builder.DataDirectory, name))
        {
            Port = builder.GetPort(name, 0),
            Mode = Enum.TryParse<PostgresMode>(builder.Configuration["Postgres:Mode"], ignoreCase: true, out var mode)
                ? mode : PostgresMode.Auto,
        };
        return builder.AddResource(resource);
    }

    /// <summary>Requires the pgvector extension to be available (the migration creates it in the database).</summary>
    public static ResourceBuilder<PostgresServerResource> WithPgVector(this ResourceBuilder<PostgresServerResource> builder)
    {
        builder.Resource.PgVector = true;
        return builder;
    }

    public static ResourceBuilder<PostgresServerResource> WithDataDirectory(
        this ResourceBuilder<PostgresServerResource> builder, string directory)
    {
        builder.Resource.StateDirectory = directory;
        return builder;
    }

    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this ResourceBuilder<PostgresServerResource> builder, string name) =>
        builder.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, builder.Resource));
}
