using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CvTailor.Data.Migrations
{
    /// <summary>
    /// Login and the e-mail look-ups compare <c>lower(email)</c> / <c>lower(username)</c> (Auth/UserLookup.cs); without
    /// these expression indexes every login scans the users table. Not unique: the original compared case-sensitively,
    /// so an imported database may hold addresses that differ only in case. EF Core's model cannot express an index on
    /// an expression, hence raw SQL and no snapshot change.
    /// </summary>
    public partial class CaseInsensitiveLoginIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS accounts_user_email_lower_idx ON accounts_user (lower(email));");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS accounts_user_username_lower_idx ON accounts_user (lower(username));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS accounts_user_username_lower_idx;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS accounts_user_email_lower_idx;");
        }
    }
}
