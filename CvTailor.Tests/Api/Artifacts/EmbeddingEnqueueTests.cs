using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>
/// Every artifact change enqueues its embedding job in the same transaction. PostgreSQL's <c>xmin</c> (the id of the
/// transaction that wrote a row version) proves it: the artifact row and the job row carry the same one. The
/// processing worker is off here: it would rewrite the rows (link checks, extracted metadata) and so their xmin.
/// </summary>
public sealed class EmbeddingEnqueueTests(ProcessingOffApiServerFixture api) : IClassFixture<ProcessingOffApiServerFixture>
{
    ApiServer Server => api.Server;

    [Fact]
    public async Task Create_update_and_upload_write_the_job_in_the_artifacts_transaction()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync(new
        {
            title = "T", description = "D", evidence_links = new[] { new { url = "https://example.com", link_type = "website" } },
        });
        await AssertSameTransactionAsync(id, "artifact_upsert", expectedJobs: 1);

        using (var patch = await client.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "T2" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        await AssertSameTransactionAsync(id, "artifact_upsert", expectedJobs: 2);

        using (var upload = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/",
                   ArtifactClient.Multipart("files", [("a.txt", SampleFiles.Text(), "text/plain")])))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }
        await AssertSameTransactionAsync(id, "artifact_upsert", expectedJobs: 3);

        using (var bulk = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
                   new { artifact_ids = new[] { id }, action = "add_technologies", values = new { technologies = new[] { "Go" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        }
        await AssertSameTransactionAsync(id, "artifact_upsert", expectedJobs: 4);

        Assert.All(await Server.InDbAsync(db => db.EmbeddingJobs.Where(j => j.ArtifactId == id).ToListAsync()),
            j => Assert.Equal(session.UserId, j.UserId));
    }

    [Fact]
    public async Task Bulk_upload_writes_artifact_links_files_processing_job_and_queue_row_in_one_transaction()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/",
            ArtifactClient.Multipart("files", [("a.pdf", SampleFiles.Pdf(), "application/pdf")], [("metadata", """{"title": "t", "description": "d"}""")]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync())!["artifact_id"]!.GetValue<int>();
        var artifactXmin = await XminAsync("SELECT xmin::text FROM artifacts_artifact WHERE id = @id", id);
        Assert.Equal(artifactXmin, await XminAsync("SELECT xmin::text FROM embedding_jobs WHERE artifact_id = @id", id));
        Assert.Equal(artifactXmin, await XminAsync("SELECT xmin::text FROM artifacts_evidencelink WHERE artifact_id = @id", id));
        Assert.Equal(artifactXmin, await XminAsync("SELECT xmin::text FROM artifacts_artifactprocessingjob WHERE artifact_id = @id", id));
    }

    [Fact]
    public async Task A_failed_request_enqueues_nothing()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        var jobs = (await Server.CountsAsync(session.UserId)).Jobs;

        using (var invalid = await client.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { artifact_type = "nope" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        using (var badLink = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/", new { url = "nope", link_type = "github" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        }
        using (var badFile = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/",
                   ArtifactClient.Multipart("files", [("x.docx", SampleFiles.Pdf(), "application/pdf")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFile.StatusCode);
        }
        using (var badCreate = await client.PostAsJsonAsync(ArtifactClient.Root, new { title = "t" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badCreate.StatusCode);
        }
        Assert.Equal(jobs, (await Server.CountsAsync(session.UserId)).Jobs);
    }

    [Fact]
    public async Task When_the_queue_insert_fails_the_change_rolls_back_with_it()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var existing = await client.CreateAsync();
        var stored = Server.StoredFileCount();
        await using (await RefuseJobsAsync(session.UserId))
        {
            using var create = await client.PostAsJsonAsync(ArtifactClient.Root, new
            {
                title = "T", description = "D", evidence_links = new[] { new { url = "https://example.com", link_type = "website" } },
            });
            Assert.Equal(HttpStatusCode.InternalServerError, create.StatusCode);
            Assert.DoesNotContain("queue unavailable", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var delete = await client.DeleteAsync($"{ArtifactClient.Root}{existing}/");
            Assert.Equal(HttpStatusCode.InternalServerError, delete.StatusCode);

            using var upload = await client.PostAsync($"{ArtifactClient.Root}{existing}/upload/",
                ArtifactClient.Multipart("files", [("a.txt", SampleFiles.Text(), "text/plain")]));
            Assert.Equal(HttpStatusCode.InternalServerError, upload.StatusCode);
        }
        // Only the first artifact and its job exist: no second artifact, no link, the delete undone, no file row or bytes.
        Assert.Equal((1, 0, 0, 1, 0), await Server.CountsAsync(session.UserId));
        Assert.Equal("Project", (await client.GetArtifactAsync(existing))["title"]!.GetValue<string>());
        Assert.Equal(stored, Server.StoredFileCount());
    }

    /// <summary>A trigger that makes the queue insert of one user's jobs fail, until disposed.</summary>
    async Task<IAsyncDisposable> RefuseJobsAsync(long userId)
    {
        var name = $"refuse_job_{userId}";
        var create = $"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.user_id = {userId} THEN RAISE EXCEPTION 'queue unavailable'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {name} BEFORE INSERT ON embedding_jobs FOR EACH ROW EXECUTE FUNCTION {name}();
            """;
        await Server.InDbAsync(db => db.Database.ExecuteSqlRawAsync(create));
        var drop = $"DROP TRIGGER {name} ON embedding_jobs; DROP FUNCTION {name}();";
        return new Cleanup(() => Server.InDbAsync(db => db.Database.ExecuteSqlRawAsync(drop)));
    }

    sealed class Cleanup(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }

    async Task AssertSameTransactionAsync(int artifactId, string kind, int expectedJobs)
    {
        var count = await Server.InDbAsync(db => db.EmbeddingJobs.CountAsync(j => j.ArtifactId == artifactId && j.Kind == kind));
        Assert.Equal(expectedJobs, count);
        var artifactXmin = await XminAsync("SELECT xmin::text FROM artifacts_artifact WHERE id = @id", artifactId);
        var jobXmin = await XminAsync("SELECT xmin::text FROM embedding_jobs WHERE artifact_id = @id ORDER BY id DESC LIMIT 1", artifactId);
        Assert.Equal(artifactXmin, jobXmin);
    }

    async Task<string> XminAsync(string sql, int id)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
