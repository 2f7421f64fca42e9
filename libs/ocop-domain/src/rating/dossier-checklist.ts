/**
 * The documents of a product dossier ("hồ sơ") for OCOP evaluation: what the producer must file and what may
 * support it (guidance of QĐ 148/QĐ-TTg). Required items block submission until a file is attached; officers
 * may accept a dossier with an item still to come, giving it a deadline for supplementary evidence.
 */
export interface ChecklistItem {
  code: string;
  nameVi: string;
  nameEn: string;
  required: boolean;
}

export const DOSSIER_CHECKLIST: readonly ChecklistItem[] = [
  {
    code: 'registration-form',
    nameVi: 'Phiếu đăng ký sản phẩm',
    nameEn: 'Product registration form',
    required: true,
  },
  { code: 'business-plan', nameVi: 'Phương án/kế hoạch kinh doanh', nameEn: 'Business plan', required: true },
  {
    code: 'producer-profile',
    nameVi: 'Bản giới thiệu chủ thể sản xuất',
    nameEn: 'Introduction of the producer',
    required: true,
  },
  {
    code: 'business-registration',
    nameVi: 'Giấy đăng ký kinh doanh',
    nameEn: 'Business registration',
    required: true,
  },
  {
    code: 'product-samples',
    nameVi: 'Biên bản giao nhận mẫu sản phẩm',
    nameEn: 'Receipt of product samples',
    required: true,
  },
  {
    code: 'food-safety',
    nameVi: 'Giấy chứng nhận an toàn thực phẩm',
    nameEn: 'Food-safety certificate',
    required: false,
  },
  {
    code: 'quality-declaration',
    nameVi: 'Bản tự công bố chất lượng',
    nameEn: 'Quality self-declaration',
    required: false,
  },
  { code: 'product-standard', nameVi: 'Tiêu chuẩn sản phẩm', nameEn: 'Product standard', required: false },
  { code: 'test-results', nameVi: 'Phiếu kết quả kiểm nghiệm', nameEn: 'Test results', required: false },
  {
    code: 'barcode-traceability',
    nameVi: 'Mã vạch, tem truy xuất nguồn gốc',
    nameEn: 'Barcode / traceability stamp',
    required: false,
  },
  {
    code: 'ip-certificate',
    nameVi: 'Giấy chứng nhận sở hữu trí tuệ',
    nameEn: 'Intellectual-property certificate',
    required: false,
  },
  {
    code: 'geographical-indication',
    nameVi: 'Chỉ dẫn địa lý',
    nameEn: 'Geographical indication',
    required: false,
  },
  { code: 'trademark', nameVi: 'Nhãn hiệu', nameEn: 'Trademark', required: false },
  {
    code: 'raw-material-origin',
    nameVi: 'Nguồn gốc nguyên liệu',
    nameEn: 'Raw-material origin',
    required: false,
  },
  {
    code: 'chain-contracts',
    nameVi: 'Hợp đồng liên kết chuỗi',
    nameEn: 'Value-chain contracts',
    required: false,
  },
  { code: 'product-story', nameVi: 'Câu chuyện sản phẩm', nameEn: 'Product story', required: false },
  {
    code: 'awards',
    nameVi: 'Giải thưởng, chứng nhận khác',
    nameEn: 'Awards and other certificates',
    required: false,
  },
] as const;

export const CHECKLIST_CODES: readonly string[] = DOSSIER_CHECKLIST.map((item) => item.code);

export function checklistItem(code: string): ChecklistItem | undefined {
  return DOSSIER_CHECKLIST.find((item) => item.code === code);
}
