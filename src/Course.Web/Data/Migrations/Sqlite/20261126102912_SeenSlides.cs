using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Course.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeenSlides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NeededMilliseconds",
                table: "SlideProgress",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Seen",
                table: "SlideProgress",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SegmentCount",
                table: "SlideProgress",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SeenSlides",
                table: "ChapterProgress",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NeededMilliseconds",
                table: "SlideProgress");

            migrationBuilder.DropColumn(
                name: "Seen",
                table: "SlideProgress");

            migrationBuilder.DropColumn(
                name: "SegmentCount",
                table: "SlideProgress");

            migrationBuilder.DropColumn(
                name: "SeenSlides",
                table: "ChapterProgress");
        }
    }
}
