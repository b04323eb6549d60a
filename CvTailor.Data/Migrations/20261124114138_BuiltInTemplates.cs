using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CvTailor.Data.Migrations
{
    /// <summary>
    /// Seeds the built-in templates 1–4 (Professional, Modern Tech, Classic, Creative) into export_exporttemplate and
    /// generation_cvtemplate; the model declares the same rows with HasData (ExportTemplateSeed, CvTemplateSeed).
    /// </summary>
    public partial class BuiltInTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ON CONFLICT: a database that already holds rows with these ids (an imported original) keeps them.
            migrationBuilder.Sql("""
                INSERT INTO export_exporttemplate (id, category, created_at, css_styles, description, is_active, is_premium, name, preview_image_url, template_config)
                VALUES
                (1, 'modern', '2026-11-24T00:00:00Z', '', 'Clean single-column layout: sans-serif, navy headings over a thin rule, centred header. Suits most roles.', true, false, 'Professional', '', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#1F4E79", "heading_style": "rule", "header_layout": "centered", "page_margins": "normal", "font_size": 11, "color_scheme": "accent", "section_order": ["professional_summary", "skills", "experience", "projects", "education", "certifications"]}'),
                (2, 'technical', '2026-11-24T00:00:00Z', '', 'Compact technical layout: narrow margins, 10 pt text, teal headings, left-aligned header, projects before experience.', true, false, 'Modern Tech', '', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#0F766E", "heading_style": "accent_rule", "header_layout": "left", "page_margins": "narrow", "font_size": 10, "color_scheme": "full_color", "section_order": ["professional_summary", "skills", "projects", "experience", "education", "certifications"]}'),
                (3, 'classic', '2026-11-24T00:00:00Z', '', 'Traditional serif layout in black: wide margins, capitalised headings, centred header, education before skills.', true, false, 'Classic', '', '{"font_family": "DejaVu Serif", "docx_font_family": "Cambria", "accent_color": "#000000", "heading_style": "caps", "header_layout": "centered", "page_margins": "wide", "font_size": 11, "color_scheme": "monochrome", "section_order": ["professional_summary", "experience", "education", "skills", "projects", "certifications"]}'),
                (4, 'creative', '2026-11-24T00:00:00Z', '', 'Colourful layout: purple heading bands with white text, left-aligned header, projects and skills up front.', true, false, 'Creative', '', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#7B2D8E", "heading_style": "band", "header_layout": "left", "page_margins": "normal", "font_size": 11, "color_scheme": "full_color", "section_order": ["professional_summary", "projects", "skills", "experience", "certifications", "education"]}')
                ON CONFLICT (id) DO NOTHING;
                """);
            // Explicit ids do not advance the identity: move it past the built-ins (never backwards).
            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('export_exporttemplate', 'id'), GREATEST(
                    4,
                    COALESCE((SELECT max(id) FROM export_exporttemplate), 0),
                    (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM export_exporttemplate_id_seq)));
                """);
            // ON CONFLICT: a database that already holds rows with these ids (an imported original) keeps them.
            migrationBuilder.Sql("""
                INSERT INTO generation_cvtemplate (id, category, created_at, description, is_active, is_premium, name, preview_image_url, prompt_template, template_config)
                VALUES
                (1, 'modern', '2026-11-24T00:00:00Z', 'Clean single-column layout: sans-serif, navy headings over a thin rule, centred header. Suits most roles.', true, false, 'Professional', '', 'Write a Professional CV: tailor it to the job description and cite the evidence.', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#1F4E79", "heading_style": "rule", "header_layout": "centered", "page_margins": "normal", "font_size": 11, "color_scheme": "accent", "section_order": ["professional_summary", "skills", "experience", "projects", "education", "certifications"]}'),
                (2, 'technical', '2026-11-24T00:00:00Z', 'Compact technical layout: narrow margins, 10 pt text, teal headings, left-aligned header, projects before experience.', true, false, 'Modern Tech', '', 'Write a Modern Tech CV: tailor it to the job description and cite the evidence.', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#0F766E", "heading_style": "accent_rule", "header_layout": "left", "page_margins": "narrow", "font_size": 10, "color_scheme": "full_color", "section_order": ["professional_summary", "skills", "projects", "experience", "education", "certifications"]}'),
                (3, 'classic', '2026-11-24T00:00:00Z', 'Traditional serif layout in black: wide margins, capitalised headings, centred header, education before skills.', true, false, 'Classic', '', 'Write a Classic CV: tailor it to the job description and cite the evidence.', '{"font_family": "DejaVu Serif", "docx_font_family": "Cambria", "accent_color": "#000000", "heading_style": "caps", "header_layout": "centered", "page_margins": "wide", "font_size": 11, "color_scheme": "monochrome", "section_order": ["professional_summary", "experience", "education", "skills", "projects", "certifications"]}'),
                (4, 'creative', '2026-11-24T00:00:00Z', 'Colourful layout: purple heading bands with white text, left-aligned header, projects and skills up front.', true, false, 'Creative', '', 'Write a Creative CV: tailor it to the job description and cite the evidence.', '{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#7B2D8E", "heading_style": "band", "header_layout": "left", "page_margins": "normal", "font_size": 11, "color_scheme": "full_color", "section_order": ["professional_summary", "projects", "skills", "experience", "certifications", "education"]}')
                ON CONFLICT (id) DO NOTHING;
                """);
            // Explicit ids do not advance the identity: move it past the built-ins (never backwards).
            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('generation_cvtemplate', 'id'), GREATEST(
                    4,
                    COALESCE((SELECT max(id) FROM generation_cvtemplate), 0),
                    (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM generation_cvtemplate_id_seq)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only the seeded rows (their fixed created_at), never rows imported under the same ids.
            migrationBuilder.Sql("DELETE FROM export_exporttemplate WHERE id BETWEEN 1 AND 4 AND created_at = '2026-11-24T00:00:00Z';");
            // Only the seeded rows (their fixed created_at), never rows imported under the same ids.
            migrationBuilder.Sql("DELETE FROM generation_cvtemplate WHERE id BETWEEN 1 AND 4 AND created_at = '2026-11-24T00:00:00Z';");
        }
    }
}
