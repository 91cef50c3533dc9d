using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Course.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlideTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlideProgress_ChapterId_SlideKey",
                table: "SlideProgress");

            migrationBuilder.CreateIndex(
                name: "IX_SlideProgress_ChapterId_SlideKey_TimeSpentMilliseconds",
                table: "SlideProgress",
                columns: new[] { "ChapterId", "SlideKey", "TimeSpentMilliseconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlideProgress_ChapterId_SlideKey_TimeSpentMilliseconds",
                table: "SlideProgress");

            migrationBuilder.CreateIndex(
                name: "IX_SlideProgress_ChapterId_SlideKey",
                table: "SlideProgress",
                columns: new[] { "ChapterId", "SlideKey" });
        }
    }
}
