namespace CvTailor.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => Assert.True(typeof(CvTailor.Data.CvTailorDbContext).IsSealed);
}
