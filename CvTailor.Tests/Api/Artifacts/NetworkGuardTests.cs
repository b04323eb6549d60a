using System.Net;
using CvTailor.Api.Artifacts.Processing;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>The SSRF guard's decisions that need no network: address classes, schemes, the host allow-list, exemptions.</summary>
public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Only_public_unicast_addresses_are_public(string address, bool expected) =>
        Assert.Equal(expected, NetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("ftp://example.org/file", NetworkGuard.RefusedScheme)]
    [InlineData("file:///etc/passwd", NetworkGuard.RefusedScheme)]
    [InlineData("http://127.0.0.1/", NetworkGuard.RefusedAddress)]
    [InlineData("http://[::1]:8080/", NetworkGuard.RefusedAddress)]
    [InlineData("http://169.254.169.254/latest/meta-data/", NetworkGuard.RefusedAddress)]
    [InlineData("http://10.9.8.7/", null)] // exempted below
    [InlineData("https://example.org/page", null)] // a name: decided when it is resolved, at connect time
    public void Targets_are_refused_before_any_lookup(string url, string? expected)
    {
        var guard = new NetworkGuard(Options.Create(new EvidenceOptions { AllowedPrivateNetworks = ["10.9.8.0/24"] }));
        Assert.Equal(expected, guard.RefuseTarget(new Uri(url)));
        Assert.False(guard.IsPermitted(IPAddress.Parse("10.9.9.1")));
        Assert.True(guard.IsPermitted(IPAddress.Parse("10.9.8.200")));
    }

    [Fact]
    public void The_host_allow_list_refuses_other_hosts_and_the_switch_allows_private_addresses()
    {
        var listed = new NetworkGuard(Options.Create(new EvidenceOptions { AllowedHosts = ["docs.example.org"], AllowPrivateNetworks = true }));
        Assert.Null(listed.RefuseTarget(new Uri("https://DOCS.example.org/a")));
        Assert.Equal(NetworkGuard.RefusedHost, listed.RefuseTarget(new Uri("https://other.example.org/a")));
        Assert.True(listed.IsPermitted(IPAddress.Loopback));
        Assert.False(new NetworkGuard(Options.Create(new EvidenceOptions())).IsPermitted(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("https://github.com/octo/demo", "octo", "demo")]
    [InlineData("https://www.github.com/octo/demo.git", "octo", "demo")]
    [InlineData("https://github.com/octo/demo/tree/main/src", "octo", "demo")]
    [InlineData("https://github.com/octo", null, null)]
    [InlineData("https://gitlab.com/octo/demo", null, null)]
    [InlineData("https://github.com.evil.example/octo/demo", null, null)]
    [InlineData("https://github.com/octo/..%2F..%2Fadmin", null, null)]
    public void GitHub_links_name_a_repository_only_on_github_com(string url, string? owner, string? repo)
    {
        var parsed = GitHubRepositoryAnalyzer.ParseRepository(url);
        Assert.Equal(owner, parsed?.Owner);
        Assert.Equal(repo, parsed?.Repo);
    }

    [Theory]
    [InlineData("https://user:secret@example.org/a/b?token=x#frag", "https://example.org/a/b")]
    [InlineData("http://example.org:8080/", "http://example.org:8080/")]
    [InlineData("not a url", "(invalid)")]
    public void Logged_urls_drop_credentials_queries_and_fragments(string url, string expected) =>
        Assert.Equal(expected, SafeUrl.ForLog(url));
}
