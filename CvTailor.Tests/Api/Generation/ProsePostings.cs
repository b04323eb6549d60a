namespace CvTailor.Tests.Api.Generation;

/// <summary>
/// Fictional job postings written as running prose (no bullet lists, no "Requirements" heading), with the skills a
/// recruiter would screen for. Companies, products of the companies and places are invented.
/// </summary>
public static class ProsePostings
{
    public sealed record Posting(
        string Name,
        string Company,
        string Text,
        string[] MustHave,
        string[] NiceToHave,
        string[] ExtractedKeywords,
        string Industry);

    public static readonly Posting[] All =
    [
        new(
            "fintech backend",
            "Brambleworth",
            """
            Brambleworth is a digital bank for freelancers and small businesses, holding current accounts and savings for 80,000 customers. We are hiring a backend engineer to join the team that moves our customers' money.

            You will design and run the services behind card authorisation and faster payments, and work with compliance on our KYC checks. You have several years of experience building backend services in Kotlin or Java, and you are comfortable with PostgreSQL and event streaming on Kafka. Experience with PCI DSS or a similar regulated environment is required. Familiarity with Terraform is a bonus, and it would be great if you have used Grafana dashboards.

            We offer a 4-day week in our Bristol office and a learning budget.
            """,
            ["Kotlin", "Java", "PostgreSQL", "Kafka"],
            ["Terraform"],
            ["PCI DSS", "Grafana"],
            "Fintech"),
        new(
            "marketing analytics",
            "Quaymoor",
            """
            Quaymoor helps independent bookshops sell online. Our small team is shipping a new storefront every few weeks and we care about shipping quickly and calmly.

            In this role you will own the weekly reporting on campaigns and work with our marketing lead on attribution. We are looking for someone with strong SQL and experience with dbt models in Snowflake. You should be confident presenting findings to non-technical colleagues. Knowledge of Looker is nice to have, and exposure to marketing mix modelling would be welcome.
            """,
            ["SQL", "dbt", "Snowflake"],
            ["Looker"],
            ["marketing mix modelling"],
            ""),
        new(
            "health data engineer",
            "Carrowfield Health",
            """
            Carrowfield Health runs telehealth clinics for patients with long-term conditions, and our clinicians see 3,000 patients a week through our app. The data team builds the pipelines that turn clinical records into the dashboards our clinicians rely on.

            As our next data engineer you'll build and maintain pipelines in Python and Airflow, model data in SQL, and keep patient data safe under GDPR. You need solid experience with Python and SQL, and a track record of building reliable batch pipelines. Ideally you also know HL7 or FHIR interoperability standards, and some experience with Spark would help.
            """,
            ["Python", "SQL"],
            ["Apache Spark"],
            ["HL7", "FHIR"],
            "Healthcare"),
        new(
            "security platform",
            "Tollbridge Systems",
            """
            Tollbridge Systems makes scheduling software for dental practices. We are a team of 40 and we are growing.

            You will harden our cloud platform on AWS and lead our ISO 27001 certification work. The role requires hands-on experience with Kubernetes and infrastructure as code with Terraform, and a solid understanding of zero-trust networking. A CISSP certification is a plus, as is experience running penetration test programmes.
            """,
            ["Kubernetes", "Terraform"],
            [],
            ["CISSP", "zero-trust networking", "penetration test programmes"],
            ""),
    ];
}
