using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Course.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChapterContentRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContentRevision",
                table: "Chapters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Where a draft exists, editors held its revision; every version was a write too. Starting from
            // both keeps the new revision ahead of any number an editor could still send.
            migrationBuilder.Sql(
                """
                UPDATE "Chapters" SET "ContentRevision" =
                    COALESCE((SELECT d."Revision" FROM "ChapterDrafts" d WHERE d."ChapterId" = "Chapters"."Id"), 0)
                    + (SELECT COUNT(*) FROM "ChapterVersions" v WHERE v."ChapterId" = "Chapters"."Id")
                """);

            // SQLite drops a plain column in place (3.35+); EF's DropColumn would rebuild the table with foreign
            // keys switched off, outside the migration's transaction.
            migrationBuilder.Sql("""ALTER TABLE "ChapterDrafts" DROP COLUMN "Revision";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContentRevision",
                table: "Chapters");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "ChapterDrafts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
