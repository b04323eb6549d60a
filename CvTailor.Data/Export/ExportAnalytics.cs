using System.Net;

namespace CvTailor.Data.Export;

/// <summary><c>export_exportanalytics</c>: an event (created, downloaded, shared, deleted) on an export job.</summary>
public class ExportAnalytics
{
    public int Id { get; set; }
    public string EventType { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    public string UserAgent { get; set; } = "";
    public IPAddress? IpAddress { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public Guid ExportJobId { get; set; }

    public ExportJob? ExportJob { get; set; }
}
