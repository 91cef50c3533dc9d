using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Course.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChapterViewVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ViewVersion",
                table: "Chapters",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ViewVersion",
                table: "Chapters");
        }
    }
}
