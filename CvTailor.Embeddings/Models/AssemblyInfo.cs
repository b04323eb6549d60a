[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CvTailor.Bench")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CvTailor.Tests")]
