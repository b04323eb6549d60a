using CvTailor.Data;
using Npgsql;

namespace CvTailor.Tests.Infrastructure;

/// <summary>A fresh migrated database on the shared test cluster, for one test class or collection.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("t");
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        builder.UseVector();
        DataSource = builder.Build();
    }

    public CvTailorDbContext CreateDbContext() => new(TestPostgres.DbContextOptions(DataSource));

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresDatabaseFixture>;
