using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Course.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NarrationClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SlideKeysJson",
                table: "ChapterVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NarrationClips",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByteLength = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMilliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NarrationClips", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "ClipPlacements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChapterId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChapterVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    SlideKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedText = table.Column<string>(type: "TEXT", nullable: false),
                    ClipHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClipPlacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClipPlacements_ChapterVersions_ChapterVersionId",
                        column: x => x.ChapterVersionId,
                        principalTable: "ChapterVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClipPlacements_Chapters_ChapterId",
                        column: x => x.ChapterId,
                        principalTable: "Chapters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClipPlacements_NarrationClips_ClipHash",
                        column: x => x.ClipHash,
                        principalTable: "NarrationClips",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClipPlacements_ChapterId_ChapterVersionId",
                table: "ClipPlacements",
                columns: new[] { "ChapterId", "ChapterVersionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClipPlacements_ChapterVersionId",
                table: "ClipPlacements",
                column: "ChapterVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ClipPlacements_ClipHash",
                table: "ClipPlacements",
                column: "ClipHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClipPlacements");

            migrationBuilder.DropTable(
                name: "NarrationClips");

            migrationBuilder.DropColumn(
                name: "SlideKeysJson",
                table: "ChapterVersions");
        }
    }
}
