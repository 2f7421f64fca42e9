import { foldedWords, foldVietnamese, matchesAllWords } from './vietnamese-fold';

describe('foldVietnamese', () => {
  it('drops diacritics and case, đ included', () => {
    expect(foldVietnamese('Kẹo dừa')).toBe('keo dua');
    expect(foldVietnamese('KẸO DỪA')).toBe('keo dua');
    expect(foldVietnamese('Công ty TNHH SX-KD tổng hợp Đông Á')).toBe('cong ti tnhh sx kd tong hop dong a');
    expect(foldVietnamese('Đặc sản')).toBe('dac san');
  });

  it('treats decomposed (NFD) input like composed input', () => {
    expect(foldVietnamese('Ke\u0323o du\u031b\u0300a')).toBe('keo dua');
  });

  it('joins the GSO spelling "Qưới" with the usual "Quới"', () => {
    expect(foldVietnamese('Xã Qưới Sơn')).toBe(foldVietnamese('Xã Quới Sơn'));
    expect(foldVietnamese('Qưới Sơn')).toBe('quoi son');
  });

  it('joins final y and i after a consonant or qu, and only there', () => {
    expect(foldVietnamese('An Qui')).toBe(foldVietnamese('An Quy'));
    expect(foldVietnamese('Mỹ Thạnh')).toBe(foldVietnamese('Mĩ Thạnh'));
    expect(foldVietnamese('Kỳ Sơn')).toBe('ki son');
    expect(foldVietnamese('Thủy')).toBe(foldVietnamese('Thuỷ'));
    expect(foldVietnamese('Thủy')).toBe('thuy');
    expect(foldVietnamese('Huy')).toBe('huy');
    expect(foldVietnamese('Yên')).toBe('yen');
  });

  it('drops leading zeros of numbers and collapses punctuation', () => {
    expect(foldVietnamese('Phường 08')).toBe('phuong 8');
    expect(foldVietnamese('  Nước cốt dừa - 100% tự nhiên  ')).toBe('nuoc cot dua 100 tu nhien');
    expect(foldVietnamese('10 kg')).toBe('10 kg');
  });

  it('returns an empty key for text without letters or digits', () => {
    expect(foldVietnamese(' -- ')).toBe('');
    expect(foldedWords(' -- ')).toEqual([]);
  });
});

describe('matchesAllWords', () => {
  it('matches word prefixes in any order, ignoring diacritics', () => {
    expect(matchesAllWords('Kẹo dừa sầu riêng', 'keo dua')).toBe(true);
    expect(matchesAllWords('Kẹo dừa sầu riêng', 'rieng keo')).toBe(true);
    expect(matchesAllWords('Kẹo dừa sầu riêng', 'ke du')).toBe(true);
    expect(matchesAllWords('Kẹo dừa sầu riêng', 'keo mit')).toBe(false);
  });
});
